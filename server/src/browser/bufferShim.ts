// The few `Buffer` calls of the service, for the Web Worker (esbuild injects this as `Buffer`):
// UTF-8 bytes of a string, and base64 decoding.
function from(text: string, encoding: 'utf8' | 'base64' = 'utf8'): Uint8Array {
  if (encoding !== 'base64') return new TextEncoder().encode(text);
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export const Buffer = { from };
