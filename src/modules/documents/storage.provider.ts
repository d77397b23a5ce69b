import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { LocalDiskStorage } from './local-disk.storage.js';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage.js';
import { S3Storage } from './s3.storage.js';

/** The storage the configuration names: STORAGE_DRIVER=local (STORAGE_DIR) or s3 (S3_*). */
export function storageFrom(config: AppConfig['storage']): ObjectStorage {
  return config.driver === 's3' ? new S3Storage(config) : new LocalDiskStorage(config.dir);
}

export const STORAGE_PROVIDER: Provider = {
  provide: OBJECT_STORAGE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => storageFrom(config.storage),
};
