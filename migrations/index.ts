import { Foundation1764028800000 } from './1764028800000-foundation.js';

/** Every migration, in order. A new migration is added here too. */
export const migrations = [Foundation1764028800000];
