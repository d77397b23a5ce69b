// `node --import <this file> src/worker.ts`: runs the TypeScript sources without a build (see ts-hooks.mjs).
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
