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
  /** Deeper XML is not a document a person wrote; it is refused before any walk. */
  xmlDepth: 256,
  /** Checked from the header, before any pixel is decoded. */
  imageSide: 30_000,
  imagePixels: 200_000_000,
  /** One compressed text chunk or metadata block in an image. */
  imageTextBytes: 8 * 1024 * 1024,
  /** Decoded size of one PDF stream, and of all streams of one PDF together. */
  pdfStreamBytes: 64 * 1024 * 1024,
  pdfDocumentBytes: 512 * 1024 * 1024,
  /** Files inside files (an xlsx in a docx in a PDF attachment): deeper ones are listed as 未读取. */
  nestingDepth: 3,
} as const;

export class DocumentRefused extends AppFailure {
  constructor(message: string) {
    super('INVALID_INPUT', message);
    this.name = 'DocumentRefused';
  }
}

export const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
