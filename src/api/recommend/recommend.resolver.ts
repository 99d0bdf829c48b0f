import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { projectDocuments } from '../../analysis/index.js';
import { pageSize } from '../common/cursor.js';
import { paperIncludeAt } from '../common/lookahead.js';
import { NO_RECOMMENDATIONS } from '../../graph/stores/recommend.store.js';
import type { ApiContext } from '../context.js';
import { badInput } from '../errors.js';
import type { CurrentModel } from './model-cache.js';
import { Recommendation } from './recommend.type.js';

const MAX_INPUT_PAPERS = 100;
const MAX_TEXT_CHARS = 20_000;

@ArgsType()
class RecommendArgs {
  @Field(() => [ID], { nullable: true, description: 'Papers to find more like; unknown ids are skipped.' })
  paperIds?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Free text (e.g. a draft abstract) to find papers like.',
  })
  text?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;
}

/** The text as a vector of the model and its keywords; null when it has no word the model knows. */
function projectText(model: CurrentModel, text: string): { vector: number[]; terms: string[] } | null {
  const projected = projectDocuments(model.model, [{ title: '', abstract: text }]);
  const v = projected.vectors[0];
  if (!v || !v.some((x) => x !== 0)) return null;
  return { vector: Array.from(v), terms: (projected.keywords[0] ?? []).map((k) => k.term) };
}

@Resolver()
export class RecommendResolver {
  @Query(() => [Recommendation], {
    description:
      'Papers like a set of papers and/or a free text (each input weighs the same), best first, never the inputs themselves. Give at least one of paperIds / text.',
  })
  async recommend(
    @Args(() => RecommendArgs) args: RecommendArgs,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Recommendation[]> {
    const ids = [...new Set(args.paperIds ?? [])];
    const text = args.text?.trim() ?? '';
    if (ids.length === 0 && text === '') {
      throw badInput(
        'paperIds',
        'give at least one paper id in "paperIds" or a non-empty "text" to recommend from.',
      );
    }
    if (ids.length > MAX_INPUT_PAPERS)
      throw badInput('paperIds', `at most ${MAX_INPUT_PAPERS} ids, got ${ids.length}.`);
    if (text.length > MAX_TEXT_CHARS)
      throw badInput('text', `at most ${MAX_TEXT_CHARS} characters, got ${text.length}.`);
    const first = pageSize('first', args.first, ctx.limits.maxPage, 10);
    // The vector index refuses to look for 0 neighbours: asking for none is a mistake here.
    if (first < 1) throw badInput('first', `must be between 1 and ${ctx.limits.maxPage}, got ${first}.`);
    const include = paperIncludeAt(info, ['paper'], ctx.limits.maxPage);

    // Text is projected with the cached model; when the graph has moved on to another model
    // since, drop the cache and project again (once). Papers alone need no model here.
    for (let attempt = 0; ; attempt++) {
      const model = text === '' ? null : await ctx.models.current();
      const projected = model ? projectText(model, text) : null;
      if (ids.length === 0 && projected === null) return [];
      const input = { ids, textVector: projected?.vector ?? null, textTerms: projected?.terms ?? [] };
      // Other requests for as many results asked at the same time are read with this one.
      const outcome =
        (await ctx.shared.recommendations.load({ first, include }, [input])).get(input) ?? NO_RECOMMENDATIONS;
      if (model && outcome.modelVersion !== model.version && attempt === 0) {
        ctx.models.invalidate();
        continue;
      }
      return outcome.recommendations.map((r) => {
        ctx.loaders.primeBundle(r.bundle, include);
        return { paper: r.bundle.paper, score: r.score, sharedTerms: r.sharedTerms };
      });
    }
  }
}
