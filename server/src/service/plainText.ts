/**
 * Text for places that do not render markdown (the Problems panel, quick-fix titles, completion
 * details): code spans written `like this` become 'like this'. Messages are written with backticks
 * where a hover renders them; this is the one place they are turned into plain text.
 */
export function plainText(text: string): string {
  return text.includes('`') ? text.replace(/`([^`\n]*)`/g, "'$1'").replace(/`/g, "'") : text;
}
