/** Whether `content` can be decoded with `encoding`, as coreos-cloudinit checks; returns a message or undefined. */
export function decodeProblem(encoding: string, content: unknown): string | undefined {
  const node = content as { value?: unknown } | null;
  const value = node && typeof node === 'object' ? node.value : undefined;
  const bytes = value instanceof Uint8Array ? value : undefined;
  const text = typeof value === 'string' ? value : undefined;
  const isBase64 = (s: string): boolean =>
    /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(s) && s.replace(/\s/g, '').length % 4 === 0;
  const gzipMagic = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
  switch (encoding) {
    case 'b64':
    case 'base64':
      if (text !== undefined && !isBase64(text))
        return `content cannot be decoded as "${encoding}": it is not base64 text.`;
      if (bytes) return `content is already binary (!!binary); with encoding "${encoding}" it would be decoded twice.`;
      return undefined;
    case 'gz':
    case 'gzip':
      if (bytes && gzipMagic(bytes)) return undefined;
      return `content cannot be decoded as "${encoding}": it must be gzip data. Use !!binary, or encoding gz+b64 with base64 text.`;
    case 'gz+b64':
    case 'gz+base64':
    case 'gzip+b64':
    case 'gzip+base64': {
      if (text === undefined || !isBase64(text))
        return `content cannot be decoded as "${encoding}": it is not base64 text.`;
      const raw = Buffer.from(text.replace(/\s/g, ''), 'base64');
      return gzipMagic(raw)
        ? undefined
        : `content cannot be decoded as "${encoding}": the base64 text is not gzip data.`;
    }
    case 'text/plain':
      return undefined;
    default:
      return `content cannot be decoded as "${encoding}": unknown encoding.`;
  }
}
