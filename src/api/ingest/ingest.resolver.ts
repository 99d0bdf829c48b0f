import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { PaperRecord } from '../../domain/paper.js';
import type { ApiContext } from '../context.js';
import { ApiError, badInput } from '../errors.js';
import { requireApiKey } from './auth.js';
import { IngestError, IngestResult, PaperInput, type RefreshAction } from './ingest.type.js';
import { checkPaperInput } from './paper-input.js';

@Resolver()
export class IngestResolver {
  @Mutation(() => IngestResult, {
    description:
      'Add papers: each is checked, placed in the current topic model and linked to its neighbours (the first batch into an empty graph builds the model). Needs the API key (Authorization: Bearer <key>).',
  })
  async ingestPapers(
    @Arg('papers', () => [PaperInput]) papers: PaperInput[],
    @Ctx() ctx: ApiContext,
  ): Promise<IngestResult> {
    // Authentication comes first: an anonymous caller learns nothing about its input.
    requireApiKey(ctx.authorization, ctx.apiKey);
    if (papers.length > ctx.limits.maxIngest) {
      throw badInput(
        'papers',
        `at most ${ctx.limits.maxIngest} papers per call, got ${papers.length}; send several batches.`,
      );
    }
    const ingest = ctx.ingest;
    if (!ingest)
      throw new ApiError('SERVICE_UNAVAILABLE', 'This server was started without an ingest service.');

    const today = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const errors: IngestError[] = [];
    const records: PaperRecord[] = [];
    const firstIndexOf = new Map<string, number>();
    papers.forEach((input, index) => {
      const checked = checkPaperInput(input, index, today);
      if (!checked.ok) {
        errors.push({ index, message: checked.message });
        return;
      }
      const seen = firstIndexOf.get(checked.paper.id);
      if (seen !== undefined) {
        errors.push({ index, message: `same paper as papers[${seen}] (id ${checked.paper.id}); sent once.` });
        return;
      }
      firstIndexOf.set(checked.paper.id, index);
      records.push(checked.paper);
    });
    if (records.length === 0)
      return {
        ingested: 0,
        skipped: papers.length,
        paperIds: [],
        errors,
        refresh: null,
        modelVersion: null,
        unplaced: 0,
      };

    const outcome = await ctx.serialWrites(() => ingest.ingest(records));
    if (outcome.mode === 'full') ctx.models.invalidate();
    return {
      ingested: outcome.written,
      skipped: papers.length - outcome.written,
      paperIds: [...outcome.paperIds],
      errors,
      refresh: { ...outcome.refresh, action: outcome.refresh.action as RefreshAction },
      modelVersion: outcome.modelVersion,
      unplaced: outcome.unplaced,
    };
  }
}
