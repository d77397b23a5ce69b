import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { BranchesResolver } from './branches.resolver.js';
import { BranchesService } from './branches.service.js';
import { LoginRateLimiter } from './rate-limiter.js';
import { PeopleResolver } from './people.resolver.js';
import { PeopleService } from './people.service.js';
import { TokenService } from './token.service.js';

/** Services of the module, shared by the API and the worker (the worker needs the staff directory). */
@Module({
  providers: [TokenService, LoginRateLimiter, AuthService, BranchesService],
  exports: [AuthService, BranchesService],
})
export class BranchesCoreModule {}

/** API side: login and administration resolvers, and the guard every resolver passes. */
@Module({
  imports: [BranchesCoreModule],
  providers: [BranchesResolver, PeopleService, PeopleResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [BranchesCoreModule],
})
export class BranchesModule {}
