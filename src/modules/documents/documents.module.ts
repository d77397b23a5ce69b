import { Module } from '@nestjs/common';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { FilesController } from './files.controller.js';
import { FilesResolver } from './files.resolver.js';
import { FilesService } from './files.service.js';
import { STORAGE_PROVIDER } from './storage.provider.js';

/**
 * Documents (文档管理): every file of the product (object storage, streamed upload and download, signed links).
 * A virus scanner plugs in as VIRUS_SCANNER from a global module (virus-scan.ts).
 */
@Module({
  imports: [BranchesCoreModule],
  controllers: [FilesController],
  providers: [STORAGE_PROVIDER, FilesService, FilesResolver],
  exports: [FilesService],
})
export class DocumentsModule {}
