import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StoredFile } from './file.entity.js';
import { FileLink } from './file.types.js';
import { FilesService } from './files.service.js';

const ID_ARG = { type: () => ID };

/** File metadata and download links; the bytes go over HTTP (`/files`, files.controller.ts). */
@Resolver(() => StoredFile)
export class FilesResolver {
  constructor(private readonly files: FilesService) {}

  @RequirePermission('documents:read')
  @Query(() => StoredFile, { nullable: true, description: 'A stored file you may see, or null' })
  file(@Ctx() ctx: RequestContext, @Args('id', { ...ID_ARG, description: 'Id of the file' }, UuidPipe) id: string) {
    return this.files.findOne(ctx, id);
  }

  @RequirePermission('documents:read')
  @Query(() => FileLink, {
    description: 'A signed download link for a file you may see, valid for a few minutes, for you only',
  })
  fileLink(@Ctx() ctx: RequestContext, @Args('id', { ...ID_ARG, description: 'Id of the file' }, UuidPipe) id: string) {
    return this.files.link(ctx, id);
  }
}
