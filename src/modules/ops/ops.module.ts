import { Module } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';
import { OpsController } from './ops.controller.js';

@Module({ controllers: [OpsController], providers: [MetricsService], exports: [MetricsService] })
export class OpsModule {}
