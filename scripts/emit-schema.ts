/** Emit the sorted SDL to schema/schema.graphql, or with --check fail when it is out of date. */
import { readFile, writeFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { sortedSchema } from '../src/api/schema.js';

const target = new URL('../schema/schema.graphql', import.meta.url);
const sdl = printSchema(await sortedSchema()) + '\n';
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== sdl) {
    console.error('schema/schema.graphql is out of date: run `npm run schema:emit` and commit the result.');
    process.exit(1);
  }
  console.log('schema/schema.graphql is current.');
} else {
  await writeFile(target, sdl);
  console.log('wrote schema/schema.graphql');
}
