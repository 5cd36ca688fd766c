import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeSlack } from '../test/harness/fake-slack.js';
import { SignedSender, type SlackReply } from '../test/harness/signed-sender.js';
import { SIGNING_SECRET } from '../test/harness/test-app.js';
import type { Burst } from './rounds.js';

export interface BurstOrder {
  url: string;
  signingSecret: string;
  concurrency: number;
  requests: { body: string; contentType: string }[];
}

/** One request's answer and how long it took, measured where it was sent. */
export interface Answer {
  ms: number;
  status: number;
  text: string;
}

/** Builds requests exactly as the harness sends them, but keeps them instead of sending. */
class RecordingSender extends SignedSender {
  readonly recorded: BurstOrder['requests'] = [];
  override async raw(body: string, contentType: string): Promise<SlackReply> {
    this.recorded.push({ body, contentType });
    return { status: 200, text: '', json: undefined };
  }
}

/** Builds request k as Slack would send it; the sender it is given only records it. */
export type BuildRequest = (sender: SignedSender, k: number) => Promise<unknown>;

/** The load generator process: bursts of signed requests, sent from another core than the apps'. */
export class SenderProcess {
  private readonly child: ChildProcess;

  constructor(private readonly slack: FakeSlack) {
    const entry = fileURLToPath(new URL('./sender-process.ts', import.meta.url));
    this.child = fork(entry, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  }

  /**
   * A burst of the requests `build` makes for each k, sent to `url`; each answer is judged by
   * `accepted`. Building (JSON, form encoding) happens here beforehand and is not timed.
   */
  burst(url: string, build: BuildRequest, accepted: (reply: SlackReply) => boolean): Burst {
    return async (firstK, count, concurrency) => {
      const recorder = new RecordingSender('', SIGNING_SECRET, this.slack);
      for (let k = firstK; k < firstK + count; k++) await build(recorder, k);
      const answers = await this.send({
        url,
        signingSecret: SIGNING_SECRET,
        concurrency,
        requests: recorder.recorded,
      });
      return answers.map((a) =>
        accepted(toReply(a))
          ? { ms: a.ms, ok: true }
          : { ms: a.ms, ok: false, answer: `${a.status} ${a.text}` },
      );
    };
  }

  private send(order: BurstOrder): Promise<Answer[]> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('The sender process exited'));
      this.child.once('exit', onExit);
      this.child.once('message', (answers) => {
        this.child.off('exit', onExit);
        resolve(answers as Answer[]);
      });
      this.child.send(order);
    });
  }

  close(): void {
    this.child.kill();
  }
}

function toReply(answer: Answer): SlackReply {
  let json: Record<string, unknown> | undefined;
  try {
    json = answer.text ? JSON.parse(answer.text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: answer.status, text: answer.text, json };
}
