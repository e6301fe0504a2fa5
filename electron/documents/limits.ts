import { AppFailure } from '../../shared/result';

// Refusals for files that are too big, too deep or built to exhaust the machine.
// Each comes with a Chinese message; nothing is stored for a refused file.

export const LIMITS = {
  fileBytes: 50 * 1024 * 1024,
  zipEntries: 5_000,
  zipExpandedBytes: 300 * 1024 * 1024,
  /** Office files compress well, but a ratio above this is a bomb, not a document. */
  zipRatio: 200,
  pdfPages: 3_000,
  textChars: 60 * 1024 * 1024,
} as const;

export class DocumentRefused extends AppFailure {
  constructor(message: string) {
    super('INVALID_INPUT', message);
    this.name = 'DocumentRefused';
  }
}

export const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
