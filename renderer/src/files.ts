// Bytes that come from the main process as base64 (forms, register files) and leave
// through the browser's own download, which in Electron asks where to save.

export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function saveFile(fileName: string, base64: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytesOf(base64)]));
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
