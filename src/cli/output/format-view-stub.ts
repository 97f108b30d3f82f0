// Stand-in until src/cli/view/format-view.ts lands; same signature.
import { RegistryError } from '../../errors/registry-error';

export interface FormatViewOptions {
  json: boolean;
  color: boolean;
  now: Date;
  columns?: number;
}

export class ViewError extends RegistryError {}

export function formatView(packument: unknown, wanted: string, fields: readonly string[], options: FormatViewOptions): string {
  const doc = packument as { name: string; 'dist-tags': Record<string, string>; versions: Record<string, Record<string, unknown>> };
  const version = doc['dist-tags'][wanted] ?? wanted;
  const manifest = doc.versions[version];
  if (!manifest) throw new ViewError('E404', `No match found for version ${wanted}`);
  if (options.json) return JSON.stringify(fields.length ? manifest[fields[0]] : manifest, null, 2);
  if (fields.length) return String(manifest[fields[0]]);
  const tags = Object.entries(doc['dist-tags']).map(([t, v]) => `${t}: ${v}`).join('\n');
  return `${doc.name}@${version} | versions: ${Object.keys(doc.versions).length}\n\ndist-tags:\n${tags}\n`;
}
