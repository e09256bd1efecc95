// Parses an AsyncAPI document (a file or a URL) with the official parser and prints every diagnostic;
// exits 1 when one of them is an error. Used by ContractToolsTest.
import { Parser, fromFile, fromURL } from '@asyncapi/parser';

const source = process.argv[2];
const parser = new Parser();
const { document, diagnostics } = await (source.startsWith('http') ? fromURL(parser, source) : fromFile(parser, source)).parse();
for (const d of diagnostics) console.log(`${['error', 'warning', 'info', 'hint'][d.severity]} ${d.code} ${d.path.join('.')}: ${d.message}`);
const errors = diagnostics.filter(d => d.severity === 0);
if (!document || errors.length > 0) process.exit(1);
console.log(`parsed: ${document.channels().length} channels, ${document.allMessages().length} messages`);
