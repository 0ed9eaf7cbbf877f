import { describe, expect, it } from 'vitest';
import { lossPerEpoch } from '../../labs/lib/training-log.ts';

describe('loss per epoch from a training log', () => {
  it('reads the stand-in trainer’s epoch lines', () => {
    expect(
      lossPerEpoch([
        'Loaded 10 records',
        'epoch 1/2 train_loss=2.5 eval_loss=2.7',
        'epoch 2/2 train_loss=2.1 eval_loss=2.4',
        'Saved model',
      ]),
    ).toEqual([
      { epoch: 1, train_loss: 2.5, eval_loss: 2.7 },
      { epoch: 2, train_loss: 2.1, eval_loss: 2.4 },
    ]);
  });

  it('reads Hugging Face Trainer dictionaries and leaves out the closing summary', () => {
    const lines = [
      "{'loss': 1.9, 'learning_rate': 5e-05, 'epoch': 1.0}",
      "{'eval_loss': 2.0, 'eval_runtime': 3.1, 'epoch': 1.0}",
      "{'loss': 1.4, 'learning_rate': 2.5e-05, 'epoch': 2.0}",
      "{'train_runtime': 120.5, 'train_loss': 1.65, 'epoch': 2.0}",
    ];
    expect(lossPerEpoch(lines)).toEqual([
      { epoch: 1, train_loss: 1.9, eval_loss: 2 },
      { epoch: 2, train_loss: 1.4 },
    ]);
  });

  it('returns nothing for a log without losses (a job that failed before training)', () => {
    expect(lossPerEpoch(['ClientError: the training channel is empty'])).toEqual([]);
  });
});
