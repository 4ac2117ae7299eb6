import type { PipelineStage, FinishedOptions, Stream } from './index.js';

/** `pipeline(...stages, [{ signal, end }])`: resolves with the last stage's value. */
export function pipeline(...stages: Array<PipelineStage | { signal?: AbortSignal; end?: boolean }>): Promise<any>;
/** `finished(stream, options)`: resolves when the stream is done; `cleanup: true` removes the listeners then. */
export function finished(stream: Stream, options?: FinishedOptions & { cleanup?: boolean }): Promise<void>;
