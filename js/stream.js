/** Stream: the common base of every highwater stream (Node's legacy `Stream`), an EventEmitter. */
import { EventEmitter } from './events.js';

export class Stream extends EventEmitter {
  constructor(options) {
    super(options);
  }
}
