/**
 * Loaded into the API child with `node --import` when BENCH_PROFILE=1 (never in a measured run). SIGUSR2
 * starts V8's sampling profiler; the next SIGUSR2 stops it and writes the profile to BENCH_PROFILE_FILE, so
 * only the load window is profiled, not the boot.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const file = process.env.BENCH_PROFILE_FILE;
if (file) {
  const session = new Session();
  session.connect();
  let running = false;
  let busy = Promise.resolve();
  process.on('SIGUSR2', () => {
    busy = busy.then(async () => {
      if (!running) {
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
        running = true;
      } else {
        const { profile } = await session.post('Profiler.stop');
        running = false;
        writeFileSync(file, JSON.stringify(profile));
      }
    });
  });
}
