import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { spanAt, type TemplateSpan } from './placeholders';

type ToPos = (o: number) => { line: number; character: number };

function describe(span: TemplateSpan, source: string): string {
  switch (span.kind) {
    case 'terraform-interpolation':
      return `**Placeholder** \`${source}\`: a Terraform interpolation (\`templatefile\`), or a shell or systemd variable inside a command or unit. Its value is unknown here: what holds it is not checked for type, address, port or encoding; the structure around it is.`;
    case 'terraform-directive':
      return `**Template directive** \`${source}\`: Terraform \`%{ … }\` (if, for, else, end) decides which lines are rendered. Its lines are left out when the YAML and the embedded files are checked.`;
    case 'terraform-escape':
      return `**Escape** \`${source}\`: Terraform renders it as a literal \`${source.slice(1)}\`; it is not a placeholder.`;
    case 'jinja-expression':
      return `**Placeholder** \`${source}\`: a Jinja expression (cloud-init renders it when line 1 is \`## template: jinja\`; Ansible and others render \`.j2\` files). Its value is unknown here and is not checked.`;
    case 'jinja-statement':
      return `**Template statement** \`${source}\`: Jinja \`{% … %}\` decides which lines are rendered. Its lines are left out when the YAML and the embedded files are checked.`;
    case 'jinja-comment':
      return `**Template comment** \`${source}\`: a Jinja comment, removed when the template is rendered.`;
    case 'go-action':
      return `**Placeholder** \`${source}\`: a Go template action (\`text/template\`, e.g. in Helm or Packer). Its value is unknown here and is not checked.`;
    case 'go-control':
      return `**Template action** \`${source}\`: a Go template control action (if, range, with, end) that decides which lines are rendered. Its lines are left out when the file is checked.`;
    case 'token':
      return `**Placeholder** \`${source}\`: a token that a build step replaces (\`sed\`, \`envsubst\`-like tools, autoconf \`@NAME@\`). Its value is unknown here and is not checked.`;
  }
}

/** Hover on template syntax: what it is and that its value is not checked. */
export function templateHover(
  spans: readonly TemplateSpan[],
  text: string,
  offset: number,
  toPos: ToPos,
): Hover | null {
  const span = spanAt(spans, offset);
  if (!span) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: describe(span, text.slice(span.start, span.end)) },
    range: { start: toPos(span.start), end: toPos(span.end) },
  };
}
