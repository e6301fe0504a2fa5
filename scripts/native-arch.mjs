// The CPU a native module was built for, read from its ELF or PE header: a cross build
// that quietly compiled for the build machine must not reach an installer.

const ELF_MACHINES = { 3: 'ia32', 40: 'armv7l', 62: 'x64', 183: 'arm64' };
const PE_MACHINES = { 0x14c: 'ia32', 0x1c4: 'armv7l', 0x8664: 'x64', 0xaa64: 'arm64' };

/** { format, arch } for an ELF (Linux) or PE (Windows) binary; null for anything else. */
export function binaryTarget(bytes) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 20 && b[0] === 0x7f && b.toString('latin1', 1, 4) === 'ELF') {
    // e_ident[EI_DATA] 1 = little-endian; e_machine sits at offset 18.
    const machine = b[5] === 2 ? b.readUInt16BE(18) : b.readUInt16LE(18);
    return { format: 'elf', arch: ELF_MACHINES[machine] ?? `elf-machine-${machine}` };
  }
  if (b.length >= 0x40 && b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 6 <= b.length && b.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      const machine = b.readUInt16LE(pe + 4);
      return { format: 'pe', arch: PE_MACHINES[machine] ?? `pe-machine-${machine}` };
    }
  }
  return null;
}

/** The binary format electron-builder's ${os} expects. */
export const FORMAT_OF_OS = Object.freeze({ linux: 'elf', win: 'pe' });
