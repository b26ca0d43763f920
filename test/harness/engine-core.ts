/**
 * The in-process engine moved to scripts/engine-core.ts (the benchmark uses it too, and tooling does not
 * import from test/). This re-export only keeps poll-harness.ts compiling while another branch edits it;
 * import from scripts/engine-core.ts, and delete this file once poll-harness.ts does.
 */
export { inProcessAdditionalData } from '../../scripts/engine-core';
