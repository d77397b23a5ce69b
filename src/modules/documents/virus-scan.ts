import type { Readable } from 'node:stream';

export interface ScanVerdict {
  clean: boolean;
  /** What was found, for the refusal's message (e.g. the signature's name). */
  finding?: string;
}

/**
 * The hook for a virus scanner: every upload is stored, then handed to the scanner, and only a clean file gets
 * its row (becomes readable). To plug one in (ClamAV's clamd INSTREAM, a cloud scanner), provide VIRUS_SCANNER
 * from a global module; without one, files are taken as clean.
 */
export interface VirusScanner {
  scan(content: Readable, meta: { branchId: string; fileId: string; contentType: string }): Promise<ScanVerdict>;
}

export const VIRUS_SCANNER = Symbol('VIRUS_SCANNER');

export const NO_VIRUS_SCAN: VirusScanner = {
  async scan(content) {
    content.destroy();
    return { clean: true };
  },
};
