import { describe, expect, it } from 'vitest';
import * as reads from '../../../src/graph/cypher/reads.js';
import * as writes from '../../../src/graph/cypher/writes.js';
import { splitCypher } from '../../../src/graph/schema-setup.js';
import { aPaperNodeRow } from '../../builders/graph-rows.js';

describe('Cypher builders', () => {
  it('builds the papers page with filters as parameters, never as text', () => {
    const s = reads.papersPage(
      { topicId: "t' OR 1=1", category: 'cs.CL', publishedAfter: '2025-01-01' },
      'PUBLISHED_DESC',
      20,
      { value: '2025-05-01', id: 'x' },
    );
    expect(s.text).not.toContain("t' OR 1=1");
    expect(s.params).toMatchObject({ topicId: "t' OR 1=1", category: 'cs.CL', limit: 21, afterValue: '2025-05-01', afterId: 'x' });
    expect(s.text).toMatchSnapshot();
  });

  it('orders every page deterministically with the id as tie-breaker', () => {
    for (const order of ['PUBLISHED_DESC', 'PUBLISHED_ASC', 'UPVOTES_DESC', 'TITLE_ASC'] as const) {
      expect(reads.papersPage({}, order, 5).text).toMatch(/ORDER BY sortKey (ASC|DESC), p\.id ASC/);
    }
  });

  it('writes papers with one UNWIND per concern, merging on constrained keys', () => {
    const rows = [aPaperNodeRow({ authors: [{ id: 'a-b', name: 'A B' }], organizations: ['Org'] })];
    for (const s of [writes.upsertPapers(rows), writes.linkAuthors(rows), writes.linkOrganizations(rows)]) {
      expect(s.text.startsWith('UNWIND $rows AS r')).toBe(true);
      expect(s.text).toMatchSnapshot(s.name);
    }
  });

  it('sends only papers that have authors / organisations to the link queries', () => {
    const rows = [aPaperNodeRow({ id: 'a' }), aPaperNodeRow({ id: 'b', authors: [{ id: 'x', name: 'X' }] })];
    expect(writes.linkAuthors(rows).params.rows).toEqual([{ id: 'b', authors: [{ id: 'x', name: 'X' }] }]);
    expect(writes.linkOrganizations(rows).params.rows).toEqual([]);
  });

  it('replaces derived relationships instead of adding to them', () => {
    expect(writes.writeSimilar([]).text).toContain('DELETE old');
    expect(writes.writePaperAnalysis([]).text).toContain('DELETE old');
  });
});

describe('splitCypher', () => {
  it('splits on statement-ending semicolons and drops comment lines', () => {
    const src = `// comment\nCREATE CONSTRAINT a IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE;\n\n// x\nCREATE INDEX b IF NOT EXISTS\nFOR (p:Paper) ON (p.t);\n`;
    expect(splitCypher(src)).toEqual([
      'CREATE CONSTRAINT a IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE',
      'CREATE INDEX b IF NOT EXISTS\nFOR (p:Paper) ON (p.t)',
    ]);
  });
});
