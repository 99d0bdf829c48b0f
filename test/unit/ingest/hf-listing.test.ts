import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/domain/errors.js';
import { paperIdFor } from '../../../src/domain/ids.js';
import type { PaperRecord, ParseEvent } from '../../../src/domain/paper.js';
import {
  organisationFromByline,
  parseHfListing,
  parseListingDate,
  readHfListing,
} from '../../../src/ingest/hf-listing.js';

const FIXTURE = 'test/fixtures/hf-listing/hf-daily-papers-listing.txt';
const text = readFileSync(FIXTURE, 'utf8');

const papersOf = (events: readonly ParseEvent[]): PaperRecord[] =>
  events.flatMap((e) => (e.kind === 'paper' ? [e.paper] : []));
const skippedOf = (events: readonly ParseEvent[]) =>
  events.flatMap((e) => (e.kind === 'skipped' ? [e.skipped] : []));

async function collect(gen: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'hf-listing-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/**
 * Hand-checked against the listing: title line, title, "• N authors" (0 for the organisation
 * entry), date, first 40 and last 30 characters of the abstract.
 */
const GOLDEN: ReadonlyArray<readonly [number, string, number, string, string, string]> = [
  [
    13,
    'Amortized Bayesian Meta-Learning for Low-Rank Adaptation of Large Language Models',
    3,
    '2025-08-19',
    'Fine-tuning large language models (LLMs)',
    'nd expected calibration error.',
  ],
  [
    21,
    'A Hierarchical Bayesian Model for Deep Few-Shot Meta Learning',
    2,
    '2023-06-16',
    'We propose a novel hierarchical Bayesian',
    'hub.com/minyoungkim21/niwmeta.',
  ],
  [
    29,
    'In-Context Learning through the Bayesian Prism',
    3,
    '2023-06-07',
    'In-context learning is one of the surpri',
    'pretraining data distribution.',
  ],
  [
    37,
    'End-to-End Meta-Bayesian Optimisation with Transformer Neural Processes',
    4,
    '2023-05-25',
    'Meta-Bayesian optimisation (meta-BO) aim',
    ' electronic design automation.',
  ],
  [
    45,
    'On Sequential Bayesian Inference for Continual Learning',
    5,
    '2023-01-04',
    'Sequential Bayesian inference can be use',
    'al learning vision benchmarks.',
  ],
  [
    53,
    'A Novel Predictive-Coding-Inspired Variational RNN Model for Online Prediction and Recognition',
    2,
    '2018-11-04',
    'This study introduces PV-RNN, a novel va',
    'odel lacking such a procedure.',
  ],
  [
    61,
    'Learning to Actively Learn: A Robust Approach',
    3,
    '2020-10-29',
    'This work proposes a procedure for desig',
    'nd a joke recommendation task.',
  ],
  [
    69,
    'General-Purpose In-Context Learning by Meta-Learning Transformers',
    4,
    '2022-12-08',
    'Modern machine learning requires system ',
    'n-context learning algorithms.',
  ],
  [
    77,
    'The Universality Lens: Why Even Highly Over-Parametrized Models Learn Well',
    3,
    '2025-06-09',
    'A fundamental question in modern machine',
    'behavior of modern AI systems.',
  ],
  [
    85,
    'Retrieval-Augmented Meta Learning for Low-Resource Text Classification',
    7,
    '2023-09-10',
    'Meta learning have achieved promising pe',
    'ce text classification models.',
  ],
  [
    93,
    'A Study of Bayesian Neural Network Surrogates for Bayesian Optimization',
    3,
    '2023-05-31',
    'Bayesian optimization is a highly effici',
    'especially in high dimensions.',
  ],
  [
    101,
    'Transformers Can Do Bayesian Inference',
    5,
    '2021-12-20',
    'Currently, it is hard to reap the benefi',
    'formersCanDoBayesianInference.',
  ],
  [
    109,
    'A Tutorial on Bayesian Optimization',
    1,
    '2018-07-08',
    'Bayesian optimization is an approach to ',
    'previous ad hoc modifications.',
  ],
  [
    117,
    'Scaling Gaussian Process Optimization by Evaluating a Few Unique Candidates Multiple Times',
    5,
    '2022-01-30',
    'Computing a Gaussian process (GP) poster',
    'd evaluating them in parallel.',
  ],
  [
    125,
    'Large Language Models to Enhance Bayesian Optimization',
    4,
    '2024-02-06',
    'Bayesian optimization (BO) is a powerful',
    'prietary, and synthetic tasks.',
  ],
  [
    133,
    'Statistical mechanics of continual learning: variational principle and mean-field potential',
    4,
    '2022-12-06',
    'An obstacle to artificial general intell',
    'k learning with deep networks.',
  ],
  [
    141,
    'Variational Autoencoders for Collaborative Filtering',
    4,
    '2018-02-15',
    'We extend variational autoencoders (VAEs',
    'most significant improvements.',
  ],
  [
    149,
    'Sampler Design for Implicit Feedback Data by Noisy-label Robust Learning',
    2,
    '2020-06-28',
    'Implicit feedback data is extensively ex',
    'proposed optimization methods.',
  ],
  [
    157,
    'Meta-Learning for Speeding Up Large Model Inference in Decentralized Environments',
    9,
    '2024-10-28',
    'The deployment of large-scale models, su',
    'ficial intelligence solutions.',
  ],
  [
    165,
    'Meta-RTL: Reinforcement-Based Meta-Transfer Learning for Low-Resource Commonsense Reasoning',
    5,
    '2024-09-27',
    'Meta learning has been widely used to ex',
    'tremely low-resource settings.',
  ],
  [
    173,
    'Dynamic Slate Recommendation with Gated Recurrent Units and Thompson Sampling',
    3,
    '2021-04-30',
    'We consider the problem of recommending ',
    'ity in the recommended slates.',
  ],
  [
    181,
    'Towards Foundational Models for Dynamical System Reconstruction: Hierarchical Meta-Learning via Mixture of Experts',
    5,
    '2025-02-07',
    'As foundational models reshape scientifi',
    'rchical structure in the data.',
  ],
  [
    189,
    'Meta-World: A Benchmark and Evaluation for Multi-Task and Meta Reinforcement Learning',
    10,
    '2019-10-23',
    'Meta-reinforcement learning algorithms c',
    'll potential of these methods.',
  ],
  [
    197,
    'IBCL: Zero-shot Model Generation for Task Trade-offs in Continual Learning',
    4,
    '2023-05-24',
    'Like generic multi-task learning, contin',
    ' 3 models for all preferences.',
  ],
  [
    205,
    'Distribution Transformers: Fast Approximate Bayesian Inference With On-The-Fly Prior Adaptation',
    4,
    '2025-02-04',
    'While Bayesian inference provides a prin',
    'or inference with hyperpriors.',
  ],
  [
    213,
    'MIST: Mutual Information Via Supervised Training',
    5,
    '2025-11-24',
    'We propose a fully data-driven approach ',
    'rse target meta-distributions.',
  ],
  [
    221,
    'Learning Meta Representations for Agents in Multi-Agent Reinforcement Learning',
    4,
    '2021-08-30',
    'In multi-agent reinforcement learning, t',
    ' challenging evaluation games.',
  ],
  [
    229,
    'Denotational validation of higher-order Bayesian inference',
    10,
    '2017-11-08',
    'We present a modular semantic account of',
    'opolis-Hastings-Green theorem.',
  ],
  [
    237,
    'Meta-training with Demonstration Retrieval for Efficient Few-shot Learning',
    5,
    '2023-06-30',
    'Large language models show impressive re',
    'tuned quickly on a single GPU.',
  ],
  [
    245,
    'Demystifying LLM-as-a-Judge: Analytically Tractable Model for Inference-Time Scaling',
    0,
    '2025-12-22',
    'Recent developments in large language mo',
    'ference-time compute degrades.',
  ],
  [
    253,
    'Teacher algorithms for curriculum learning of Deep RL in continuously parameterized environments',
    4,
    '2019-10-16',
    'We consider the problem of how a teacher',
    'b.com/flowersteam/teachDeepRL.',
  ],
  [
    261,
    'ADMIRE-BayesOpt: Accelerated Data MIxture RE-weighting for Language Models with Bayesian Optimization',
    5,
    '2025-08-15',
    'Determining the optimal data mixture for',
    'ducting research in this area.',
  ],
  [
    269,
    'Making RL with Preference-based Feedback Efficient via Randomization',
    2,
    '2023-10-23',
    'Reinforcement Learning algorithms that l',
    'thms to RL benchmark problems.',
  ],
  [
    277,
    'Towards Provably Unlearnable Examples via Bayes Error Optimisation',
    4,
    '2025-11-11',
    'The recent success of machine learning m',
    'lity, effectively in practice.',
  ],
];

describe('parseHfListing over the demo listing (golden)', () => {
  const events = parseHfListing(text, FIXTURE);
  const papers = papersOf(events);

  it('finds exactly the 34 papers and skips nothing (page chrome is not a paper)', () => {
    expect(skippedOf(events)).toEqual([]);
    expect(papers).toHaveLength(34);
    expect(GOLDEN).toHaveLength(34);
  });

  it.each(GOLDEN.map((row, i) => [i, ...row] as const))(
    '#%i line %i: %s',
    (i, line, title, authorCount, date, head, tail) => {
      const p = papers[i]!;
      expect(p.title).toBe(title);
      expect(p.sourceRef).toEqual({ file: FIXTURE, line });
      expect(p.authorCount).toBe(authorCount);
      expect(p.authors).toEqual([]);
      expect(p.publishedAt).toBe(date);
      expect(p.abstract.startsWith(head)).toBe(true);
      expect(p.abstract.endsWith(tail)).toBe(true);
      expect(p.abstract).not.toMatch(/\n/);
      expect(p.id).toBe(paperIdFor(title));
      expect(p.arxivId).toBeUndefined();
      expect(p.source).toBe('hf-listing');
    },
  );

  it('names the organisation of the one entry without an author count', () => {
    const withOrg = papers.filter((p) => p.organizations.length > 0);
    expect(withOrg.map((p) => [p.title, p.organizations])).toEqual([
      [
        'Demystifying LLM-as-a-Judge: Analytically Tractable Model for Inference-Time Scaling',
        ['Harvard University'],
      ],
    ]);
  });

  it('reads the upvote count after the date only where the listing shows one', () => {
    const voted = papers.filter((p) => p.upvotes !== undefined);
    expect(voted.map((p) => [p.title, p.upvotes])).toEqual([
      ['MIST: Mutual Information Via Supervised Training', 2],
    ]);
  });

  it('collects the github links from abstracts without trailing punctuation', () => {
    const withCode = papers.filter((p) => p.codeUrls.length > 0);
    expect(withCode.map((p) => [p.title, p.codeUrls])).toEqual([
      [
        'A Hierarchical Bayesian Model for Deep Few-Shot Meta Learning',
        ['https://github.com/minyoungkim21/niwmeta'],
      ],
      [
        'Transformers Can Do Bayesian Inference',
        ['https://github.com/automl/TransformersCanDoBayesianInference'],
      ],
      [
        'Teacher algorithms for curriculum learning of Deep RL in continuously parameterized environments',
        ['https://github.com/flowersteam/teachDeepRL'],
      ],
    ]);
  });

  it('gives 34 distinct ids', () => {
    expect(new Set(papers.map((p) => p.id)).size).toBe(34);
  });

  it('streams the same events from the file as the pure parser gives for its text', async () => {
    expect(await collect(readHfListing(FIXTURE))).toEqual(events);
  });

  it('parses CRLF line endings the same way', () => {
    const crlf = parseHfListing(text.replace(/\n/g, '\r\n'), FIXTURE);
    expect(crlf).toEqual(events);
  });
});

const entry = (title: string, byline = '  • 3 authors', date = 'Aug 19, 2025'): string =>
  [title, '', `Abstract of ${title}.`, '', byline, '·', date, ''].join('\n');

describe('parseHfListing on malformed input', () => {
  it('skips a title with no abstract, naming its line, and keeps the next entry', () => {
    const input = [
      'Jan 6',
      '',
      'Lonely Title',
      '',
      '  • 3 authors',
      '·',
      'Aug 19, 2025',
      '',
      entry('Good'),
    ].join('\n');
    const events = parseHfListing(input, 'l.txt');
    expect(skippedOf(events)).toEqual([
      {
        ref: { file: 'l.txt', line: 3 },
        reason: 'missing-abstract',
        message: expect.stringContaining('Lonely Title'),
      },
    ]);
    expect(papersOf(events).map((p) => p.title)).toEqual(['Good']);
  });

  it('skips an author line without a date, naming the author line', () => {
    const input = ['First', '', 'Abstract.', '', '  • 3 authors', '·', '', entry('Second')].join('\n');
    const events = parseHfListing(input, 'l.txt');
    expect(skippedOf(events)).toEqual([
      { ref: { file: 'l.txt', line: 5 }, reason: 'missing-date', message: expect.stringContaining('First') },
    ]);
    expect(papersOf(events).map((p) => p.title)).toEqual(['Second']);
  });

  it.each(['Aug 45, 2025', 'Agu 19, 2025', 'Feb 29, 2025', '2025-08-19'])(
    'skips the unreadable date %s, naming its line',
    (date) => {
      const events = parseHfListing(entry('Bad date', '  • 3 authors', date) + '\n' + entry('Fine'), 'l.txt');
      expect(skippedOf(events)).toEqual([
        { ref: { file: 'l.txt', line: 7 }, reason: 'bad-date', message: expect.stringContaining(date) },
      ]);
      expect(papersOf(events).map((p) => p.title)).toEqual(['Fine']);
    },
  );

  it('reports an entry cut off at the end of the file', () => {
    const events = parseHfListing(entry('Fine') + '\nCut Off\n\nAbstract only.\n\n  • 2 authors', 'l.txt');
    expect(papersOf(events)).toHaveLength(1);
    expect(skippedOf(events)).toEqual([
      {
        ref: { file: 'l.txt', line: 13 },
        reason: 'missing-date',
        message: expect.stringContaining('Cut Off'),
      },
    ]);
  });

  it('reports a stray date outside an entry', () => {
    const events = parseHfListing('Aug 19, 2025\n\n' + entry('Fine'), 'l.txt');
    expect(skippedOf(events).map((s) => [s.ref.line, s.reason])).toEqual([[1, 'unexpected-line']]);
  });

  it('accepts a leap day and a full month name', () => {
    const papers = papersOf(parseHfListing(entry('Leap', '  • 1 authors', 'February 29, 2024 17'), 'l.txt'));
    expect(papers.map((p) => [p.publishedAt, p.upvotes, p.authorCount])).toEqual([['2024-02-29', 17, 1]]);
  });

  it('throws a UserInputError naming file and line in strict mode', () => {
    const input = entry('Fine') + '\n' + entry('Bad', '  • 2 authors', 'Aug 45, 2025');
    expect(() => parseHfListing(input, 'l.txt', { strict: true })).toThrow(UserInputError);
    expect(() => parseHfListing(input, 'l.txt', { strict: true })).toThrow(/l\.txt:15: .*Aug 45, 2025/);
  });

  it('truncates an over-long abstract at a word boundary and reports it', () => {
    const long = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    const input = ['Long', '', long, '', '  • 1 authors', '·', 'Aug 19, 2025'].join('\n');
    const [event] = parseHfListing(input, 'l.txt', { maxAbstractChars: 40 });
    expect(event?.kind).toBe('paper');
    if (event?.kind !== 'paper') return;
    expect(event.paper.abstract.length).toBeLessThanOrEqual(40);
    expect(event.paper.abstract).toMatch(/^word0 word1 .* word\d+…$/);
    expect(event.warnings).toEqual([
      { ref: { file: 'l.txt', line: 1 }, reason: 'too-long', message: expect.stringContaining('truncated') },
    ]);
  });
});

describe('readHfListing errors', () => {
  it('rejects a missing file, a directory, an empty file and non-UTF-8 bytes with UserInputError', async () => {
    await expect(collect(readHfListing('/nonexistent/listing.txt'))).rejects.toThrow(/no such file/);
    await expect(collect(readHfListing(tmpdir()))).rejects.toThrow(/is a directory/);
    await expect(collect(readHfListing(tempFile('empty.txt', '')))).rejects.toThrow(/is empty/);
    await expect(collect(readHfListing(tempFile('blank.txt', '\n\n  \n')))).rejects.toThrow(UserInputError);
    const latin1 = Buffer.concat([Buffer.from(entry('Fine')), Buffer.from('Caf\xe9 Title\n', 'latin1')]);
    await expect(collect(readHfListing(tempFile('latin1.txt', latin1)))).rejects.toThrow(
      /latin1\.txt:8: .*UTF-8/,
    );
  });

  it('throws in strict mode at the first malformed entry', async () => {
    const file = tempFile('bad.txt', entry('Bad', '  • 2 authors', 'Agu 1, 2025'));
    await expect(collect(readHfListing(file, { strict: true }))).rejects.toThrow(/bad\.txt:7/);
  });
});

describe('listing helpers', () => {
  it('keeps the full organisation name after the short one', () => {
    expect(organisationFromByline('Harvard Harvard University')).toBe('Harvard University');
    expect(organisationFromByline('Google DeepMind Google DeepMind')).toBe('Google DeepMind');
    expect(organisationFromByline('Meta AI')).toBe('Meta AI');
  });

  it('converts listing dates and rejects impossible ones', () => {
    expect(parseListingDate('Aug', 19, 2025)).toBe('2025-08-19');
    expect(parseListingDate('Sept', 1, 2024)).toBe('2024-09-01');
    expect(parseListingDate('Feb', 29, 2023)).toBeUndefined();
    expect(parseListingDate('Foo', 1, 2023)).toBeUndefined();
  });
});
