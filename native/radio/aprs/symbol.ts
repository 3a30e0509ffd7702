/** Valid symbol table identifiers: primary `/`, alternate `\`, or an overlay character. */
export const SYMBOL_TABLE_RE = /^[/\\A-Z0-9]$/;

export function isSymbolTable(c: string): boolean {
  return SYMBOL_TABLE_RE.test(c);
}
