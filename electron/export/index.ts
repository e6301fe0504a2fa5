// The export domain: write a mishen-bundle/1 folder, and verify one.
export { writeBundle } from './write';
export { removeStalePartials } from './partials';
export { bundleSigner } from './signer';
export { beijingIso, bundleFolderName, sanitizeFileName } from './names';
export { verifyBundleDir, runBundleVerifyCli, type BundleFailure, type BundleReport } from './verify';
export * from './types';
