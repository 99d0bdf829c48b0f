import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../../../src/analysis/index.js';
import { packAnalysis, unpackAnalysis } from '../../../src/services/analysis-transfer.js';

const term = fc.constantFrom('graph', 'neural network', 'model', 'é', '', 'graph neural');
const neighbor = fc.record({
  index: fc.nat(10_000),
  score: fc.double({ noNaN: true }),
  sharedTerms: fc.array(term, { maxLength: 5 }),
});
const keyword = fc.record({ term, weight: fc.double({ noNaN: true }) });

/** What the analysis thread's message does to the packed form: a structured clone. */
const acrossThreads = (r: AnalysisResult): AnalysisResult => unpackAnalysis(structuredClone(packAnalysis(r)));

describe('analysis result across threads', () => {
  it('comes back equal: neighbours, shared terms and keywords in order, scores bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(neighbor, { maxLength: 6 }), fc.array(keyword, { maxLength: 4 })), {
          maxLength: 20,
        }),
        (docs) => {
          const result = {
            topics: [],
            assignments: new Int32Array(docs.length),
            topicScores: new Float32Array(docs.length),
            neighbors: docs.map(([n]) => n),
            keywords: docs.map(([, k]) => k),
            vectors: [],
            relatedTopics: [],
            kChoice: { k: 1, reason: 'test' },
            model: {},
            timings: {},
          } as unknown as AnalysisResult;
          expect(acrossThreads(result)).toEqual(result);
        },
      ),
    );
  });

  it('carries a real analysis unchanged', async () => {
    const docs = Array.from({ length: 40 }, (_, i) => ({
      id: `p${i}`,
      title: `Paper ${i} on ${i % 2 ? 'graph neural networks' : 'protein folding'}`,
      abstract: `We study ${i % 2 ? 'message passing on graphs with attention' : 'protein structure with diffusion'} and report ${i % 3 ? 'accuracy' : 'speed'}.`,
    }));
    const result = await analyze(docs, { k: 2 });
    expect(acrossThreads(result)).toEqual(result);
  });
});
