import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface LabelledDoc {
  id: string;
  title: string;
  abstract: string;
  label: string;
}

/** Reads a labelled JSON-lines corpus: text from title + abstract|summary, label from `labelField`. */
export async function readLabelled(file: string, labelField: string): Promise<LabelledDoc[]> {
  const out: LabelledDoc[] = [];
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    const rec = JSON.parse(text) as Record<string, unknown>;
    const title = typeof rec.title === 'string' ? rec.title : '';
    const abs =
      typeof rec.abstract === 'string' ? rec.abstract : typeof rec.summary === 'string' ? rec.summary : '';
    const label = rec[labelField];
    if (typeof label !== 'string' || label === '') continue;
    out.push({
      id: typeof rec.id === 'string' && rec.id !== '' ? rec.id : `line-${line}`,
      title,
      abstract: abs,
      label,
    });
  }
  return out;
}

/** Only documents whose label has at least `min` documents. */
export function withFrequentLabels(docs: LabelledDoc[], min: number): LabelledDoc[] {
  const counts = new Map<string, number>();
  for (const d of docs) counts.set(d.label, (counts.get(d.label) ?? 0) + 1);
  return docs.filter((d) => (counts.get(d.label) ?? 0) >= min);
}

/** Labels as small integers, in order of first appearance. */
export function labelIds(docs: LabelledDoc[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(docs, (d) => {
    let id = ids.get(d.label);
    if (id === undefined) {
      id = ids.size;
      ids.set(d.label, id);
    }
    return id;
  });
}
