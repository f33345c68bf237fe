import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = join(__dirname, '..', 'src');

describe('the sla package sources', () => {
  const files = readdirSync(SOURCE).filter((name) => name.endsWith('.ts'));

  it.each(files)('%s imports only its own files and the contracts, and uses nothing the workflow sandbox lacks', (file) => {
    const text = readFileSync(join(SOURCE, file), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(imports.filter((path) => !path!.startsWith('./') && path !== '@gotrs/contracts')).toEqual([]);
    expect(text).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|Date\.now|Math\.random|setTimeout|\bnew Date\(\)/);
  });
});
