/**
 * Every parser over real fixture slices (test/fixtures/README.md says where each comes from);
 * expected values checked by hand against the fixture text.
 */
import { describe, expect, it } from 'vitest';
import { readPapers } from '../../../src/ingest/index.js';
import { collect, FIXTURES, papersOf, skippedOf } from './helpers.js';

describe('arxiv-atom', () => {
  it('reads the 2026 layout: ids without version, primary category first, affiliations, doi, code link in the comment', async () => {
    const file = `${FIXTURES}/arxiv-atom/search-testing-2026-3.xml`;
    const events = await collect(readPapers(file, { format: 'arxiv-atom' }));
    expect(skippedOf(events)).toEqual([]);
    const [a, b, c] = papersOf(events);
    expect(a).toMatchObject({
      id: '2202.12139',
      arxivId: '2202.12139',
      doi: '10.1109/icstw55395.2022.00035',
      title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
      authors: ['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker'],
      authorCount: 3,
      publishedAt: '2022-02-24',
      url: 'https://arxiv.org/abs/2202.12139v1',
      categories: ['cs.SE', 'cs.LG'],
      labels: { primary_category: 'cs.SE' },
      source: 'arxiv-atom',
      sourceRef: { file, line: 10 },
    });
    expect(a?.abstract).toMatch(/^Deep Learning \(DL\) has revolutionized .* discuss its results\.$/);
    expect(b).toMatchObject({
      id: '1706.00679',
      title: 'Testing Gaussian Process with Applications to Super-Resolution',
      // The fixture has these names double-encoded ("AzaÃ¯s"); the reader repairs them.
      authors: ['Jean-Marc Azaïs', 'Yohann De Castro', 'Stéphane Mourareau'],
      categories: ['math.ST', 'cs.IT', 'math.PR'],
      codeUrls: ['https://github.com/ydecastro/super-resolution-testing'],
      publishedAt: '2017-06-02',
    });
    expect(b?.doi).toBeUndefined();
    expect(c).toMatchObject({
      id: '0804.0970',
      authors: ['Marie-Claude Gaudel', 'Pascale Le Gall'],
      organizations: ['LRI', 'IBISC'],
      categories: ['cs.PL'],
    });
  });

  it('reads the 2016 layout: old-style ids, summaries with hard line breaks collapsed, primary category element before the categories', async () => {
    const events = await collect(readPapers(`${FIXTURES}/arxiv-atom/search-del-maestro-2016-2.xml`));
    const papers = papersOf(events);
    expect(papers.map((p) => [p.id, p.publishedAt, p.doi, p.categories])).toEqual([
      ['1201.4869', '2012-01-23', '10.1142/s021797921244002x', ['cond-mat.mes-hall', 'cond-mat.other']],
      [
        'cond-mat/0412498',
        '2004-12-19',
        '10.1103/physrevb.71.184511',
        ['cond-mat.str-el', 'cond-mat.stat-mech'],
      ],
    ]);
    expect(
      papers[0]?.abstract.startsWith(
        'As helium-4 is cooled below 2.17 K it undergoes a phase transition to a fundamentally new',
      ),
    ).toBe(true);
    expect(papers[1]?.abstract).toContain(
      '"p x p" density wave ordering on the square lattice (p >= 3, integer)',
    );
    expect(papers[1]?.authors).toEqual(['Adrian Del Maestro', 'Subir Sachdev']);
  });
});

describe('kaggle-oai', () => {
  it('builds "First Last Suffix" names, affiliations, space-separated categories and the first version date', async () => {
    const events = await collect(readPapers(`${FIXTURES}/kaggle-oai/oai-snapshot-6.jsonl`));
    expect(skippedOf(events)).toEqual([]);
    const byId = new Map(papersOf(events).map((p) => [p.id, p]));
    expect(byId.get('0704.0001')).toMatchObject({
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan'],
      doi: '10.1103/physrevd.76.013009',
      categories: ['hep-ph'],
      publishedAt: '2007-04-02', // "Mon, 2 Apr 2007 19:18:42 GMT", not update_date 2008-11-26
      url: 'https://arxiv.org/abs/0704.0001',
      labels: { primary_category: 'hep-ph' },
      sourceRef: { file: `${FIXTURES}/kaggle-oai/oai-snapshot-6.jsonl`, line: 1 },
    });
    expect(byId.get('0704.0002')).toMatchObject({
      categories: ['math.CO', 'cs.CG'],
      publishedAt: '2007-03-31',
    });
    expect(byId.get('0704.0002')?.doi).toBeUndefined();
    expect(byId.get('0704.0009')?.authors).toContain('Neal J. Evans II');
    // "1 and 2" in the affiliation slot is a footnote mark, not an organisation.
    expect(byId.get('0704.0025')).toMatchObject({
      authors: ['A. S. Mishchenko', 'N. Nagaosa'],
      organizations: [],
    });
    expect(byId.get('0704.0044')?.organizations).toEqual([
      'Oxford',
      'Culham',
      'Maryland',
      'Princeton',
      'Iowa',
      'Berkeley',
    ]);
    expect(byId.get('0704.0066')?.organizations).toEqual([
      'Institute for Nuclear Research and Nuclear Energy, Bulgarian Academy of Sciences, Sofia, Bulgaria',
    ]);
  });
});

describe('hf-json', () => {
  it('reads the archive records: arXiv id, names, upvotes, github link, listing date; skips an empty abstract', async () => {
    const file = `${FIXTURES}/hf-json/archive-5.jsonl`;
    const events = await collect(readPapers(file));
    const papers = papersOf(events);
    expect(papers[0]).toMatchObject({
      id: '2601.13097',
      title: 'RM -RF: Reward Model for Run-Free Unit Test Evaluation',
      authorCount: 11,
      upvotes: 8,
      publishedAt: '2026-02-02',
      codeUrls: ['https://github.com/trndcenter/RM-RF-unit-tests'],
      url: 'https://huggingface.co/papers/2601.13097',
      source: 'hf-json',
    });
    expect(papers[0]?.authors.slice(0, 2)).toEqual(['Elena Bruches', 'Daniil Grebenkin']);
    expect(papers[1]).toMatchObject({ id: '2601.15394', upvotes: 3, codeUrls: [] });
    expect(skippedOf(events)).toEqual([
      {
        ref: { file, line: 3 },
        reason: 'missing-abstract',
        message: '"Competing Visions of Ethical AI: A Case Study of OpenAI" has no abstract',
      },
    ]);
    // The same paper listed on two days stays two events; dedupePapers merges them.
    expect(papers.slice(2).map((p) => [p.id, p.publishedAt])).toEqual([
      ['2602.07854', '2026-02-18'],
      ['2602.07854', '2026-02-19'],
    ]);
  });

  it('reads the raw /api/daily_papers shape (a JSON array of { paper: ... })', async () => {
    const file = `${FIXTURES}/hf-json/daily-papers-api-2.json`;
    const papers = papersOf(await collect(readPapers(file)));
    expect(
      papers.map((p) => [p.id, p.authorCount, p.upvotes, p.publishedAt, p.codeUrls, p.organizations]),
    ).toEqual([
      ['2601.13097', 11, 8, '2026-01-20', ['https://github.com/trndcenter/RM-RF-unit-tests'], []],
      ['2601.15394', 9, 3, '2026-01-29', [], ['Example Lab']],
    ]);
    expect(papers[1]?.title).toBe('Memorization Dynamics in Knowledge Distillation for Language Models');
    expect(papers[0]?.sourceRef?.line).toBe(2);
  });
});

describe('semantic-scholar', () => {
  it('reads a single full paper object (DOI, date, field of study and venue as labels)', async () => {
    const papers = papersOf(
      await collect(readPapers(`${FIXTURES}/semantic-scholar/paper-turing-trimmed.json`)),
    );
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      title: 'Computing Machinery and Intelligence',
      authors: ['A. Turing'],
      doi: '10.1093/mind/lix.236.433',
      publishedAt: '1950-10-01',
      labels: { field_of_study: 'Computer Science', venue: 'The Philosophy of Artificial Intelligence' },
      source: 'semantic-scholar',
    });
    expect(papers[0]?.abstract.startsWith('I propose to consider the question, “Can machines think?”')).toBe(
      true,
    );
    expect(papers[0]?.id).toMatch(/^t-[0-9a-f]{16}$/);
  });

  it('reads JSON lines and skips items without an abstract, with a reason', async () => {
    const file = `${FIXTURES}/semantic-scholar/papers-3.jsonl`;
    const events = await collect(readPapers(file));
    expect(papersOf(events).map((p) => [p.title, p.publishedAt, p.doi])).toEqual([
      ['Dystopian or Utopian? Two Images of Alan Turing', undefined, undefined],
      [
        'Review of two collections of essays about Alan Turing',
        '2020-01-02',
        '10.1080/01611194.2019.1650846',
      ],
    ]);
    expect(skippedOf(events)).toEqual([
      {
        ref: { file, line: 3 },
        reason: 'missing-abstract',
        message: '"Systems of Logic Based on Ordinals" has no abstract',
      },
    ]);
  });

  it('reads a { data: [...] } search response; title-only items are skipped', async () => {
    const events = await collect(readPapers(`${FIXTURES}/semantic-scholar/search-bulk-kubernetes-3.json`));
    expect(papersOf(events)).toEqual([]);
    expect(skippedOf(events).map((s) => s.reason)).toEqual([
      'missing-abstract',
      'missing-abstract',
      'missing-abstract',
    ]);
  });
});

describe('openalex', () => {
  it('rebuilds abstracts from the inverted index of a multi-line { meta, results } document', async () => {
    const file = `${FIXTURES}/openalex/search-attention-2.json`;
    const events = await collect(readPapers(file));
    const [a, b] = papersOf(events);
    expect(a).toMatchObject({
      title: 'Cognitive and attentional mechanisms in delay of gratification.',
      doi: '10.1037/h0032198',
      publishedAt: '1972-01-01',
      // "Β" is a Greek capital beta in the source.
      authors: ['Walter Mischel', 'Ebbe Β. Ebbesen', 'Antonette Raskoff Zeiss'],
      organizations: ['Stanford University'],
      url: 'https://openalex.org/W2126953888',
      labels: { topic: 'Child and Adolescent Psychosocial and Emotional Development' },
      sourceRef: { file, line: 11 },
    });
    expect(
      a?.abstract.startsWith(
        'Three experiments investigated attentional and cognitive mechanisms in delay of gratification',
      ),
    ).toBe(true);
    expect(a?.abstract.endsWith('mechanisms in voluntary delay of gratification and self-control')).toBe(
      true,
    );
    expect(b).toMatchObject({
      title: 'A General Survey on Attention Mechanisms in Deep Learning',
      authors: ['Gianni Brauwers', 'Flavius Frăsincar'],
      organizations: ['Erasmus University Rotterdam'],
      publishedAt: '2021-11-09',
    });
    expect(
      b?.abstract.startsWith(
        'Attention is an important mechanism that can be employed for a variety of deep learning models',
      ),
    ).toBe(true);
  });

  it('skips a work without abstract_inverted_index', async () => {
    const events = await collect(readPapers(`${FIXTURES}/openalex/fulltext-crispr-1.json`));
    expect(skippedOf(events).map((s) => [s.ref.line, s.reason])).toEqual([[1, 'missing-abstract']]);
  });
});

describe('jsonl (generic) over the labelled corpora, by detection', () => {
  it('arxiv_daily_labelled: summary as abstract, listing date, primary_category label, records without authors kept', async () => {
    const papers = papersOf(await collect(readPapers(`${FIXTURES}/labelled/arxiv-daily-labelled-3.jsonl`)));
    expect(
      papers.map((p) => [p.id, p.authorCount, p.publishedAt, p.categories[0], p.labels, p.source]),
    ).toEqual([
      ['2503.11677', 5, '2025-03-18', 'cs.HC', { primary_category: 'cs.HC' }, 'jsonl'],
      ['2604.17536', 0, '2026-04-25', 'astro-ph.GA', { primary_category: 'astro-ph.GA' }, 'jsonl'],
      ['astro-ph/9605151', 0, '2026-06-19', 'astro-ph', { primary_category: 'astro-ph' }, 'jsonl'],
    ]);
    expect(papers[0]?.abstract).not.toContain('\n');
  });

  it('papercopilot venues: ;-separated authors and affiliations, venue label, non-arXiv ids ignored', async () => {
    const papers = papersOf(await collect(readPapers(`${FIXTURES}/labelled/papercopilot-venues-3.jsonl`)));
    expect(papers.map((p) => [p.title, p.authors.length, p.organizations, p.labels, p.arxivId])).toEqual([
      [
        '(2.5+1)D Spatio-Temporal Scene Graphs for Video Question Answering',
        4,
        ['Mitsubishi Electric Research Labs (MERL), Cambridge, MA'],
        { venue: 'aaai', primary_area: 'Computer Vision I' },
        undefined,
      ],
      ['A Geometric Descriptor for Cell-Division Detection', 4, [], { venue: 'iclr' }, undefined],
      [
        'A Comparative Study for Single Image Blind Deblurring',
        5,
        ['University of California, Merced', 'University of Illinois, Urbana-Champaign'],
        { venue: 'cvpr' },
        undefined,
      ],
    ]);
    expect(papers[0]?.authors).toEqual(['Anoop Cherian', 'Chiori Hori', 'Tim K. Marks', 'Jonathan Le Roux']);
    // year only: no calendar date is invented
    expect(papers[0]?.publishedAt).toBeUndefined();
  });
});

describe('csv', () => {
  it('reads a header row, quoted multi-line fields, ; and , author lists; skips bad rows with their line', async () => {
    const file = `${FIXTURES}/csv/papers.csv`;
    const events = await collect(readPapers(file));
    expect(papersOf(events).map((p) => [p.id, p.authors, p.categories, p.publishedAt, p.labels])).toEqual([
      [
        '2202.12139',
        ['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker'],
        ['cs.SE', 'cs.LG'],
        '2022-02-24',
        { venue: 'icst' },
      ],
      [
        expect.stringMatching(/^t-/),
        ['Aurora Ramírez', 'Mario Berrios', 'José Raúl Romero', 'Robert Feldt'],
        ['cs.SE'],
        '2024-05-22',
        undefined,
      ],
    ]);
    expect(papersOf(events)[1]?.abstract).toBe(
      'Test case prioritisation (TCP) is a critical task in regression testing to ensure quality as software evolves. Machine learning has become a common way to achieve it.',
    );
    expect(skippedOf(events).map((s) => [s.ref.line, s.reason])).toEqual([
      [5, 'missing-abstract'],
      [6, 'bad-date'],
    ]);
  });
});
