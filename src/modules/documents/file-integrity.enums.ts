import { registerEnumType } from '@nestjs/graphql';

/** What one re-read of a file found. */
export enum CheckResult {
  OK = 'OK',
  MISMATCH = 'MISMATCH',
  MISSING = 'MISSING',
}

export enum IntegrityProblemKind {
  MISMATCH = 'MISMATCH',
  MISSING = 'MISSING',
}

registerEnumType(IntegrityProblemKind, {
  name: 'IntegrityProblemKind',
  description: 'What the integrity scan found wrong with a stored file',
  valuesMap: {
    MISMATCH: { description: 'Its bytes no longer hash to the SHA-256 recorded at upload' },
    MISSING: { description: 'The storage no longer has it' },
  },
});
