// The edit between two highlighting results must rebuild the new one from the old exactly,
// and touch whole tokens only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenEdit } from '../../server/kql/semanticTokens.js';

const token = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 });
const result = fc.array(token, { maxLength: 12 }).map((tokens) => tokens.flat());

test('applying the edit to the old result gives the new one', () => {
  fc.assert(
    fc.property(result, result, (before, after) => {
      const edit = tokenEdit(before, after);
      if (!edit) {
        assert.deepEqual(before, after);
        return;
      }
      assert.equal(edit.start % 5, 0);
      assert.equal(edit.deleteCount % 5, 0);
      const patched = [...before];
      patched.splice(edit.start, edit.deleteCount, ...edit.data);
      assert.deepEqual(patched, after);
    }),
    { numRuns: 2000 },
  );
});

test('a change in one token sends that token only', () => {
  const before = [0, 0, 5, 1, 0, 1, 2, 3, 2, 0, 0, 4, 6, 7, 0];
  const after = [0, 0, 5, 1, 0, 1, 2, 3, 9, 0, 0, 4, 6, 7, 0];
  assert.deepEqual(tokenEdit(before, after), { start: 5, deleteCount: 5, data: [1, 2, 3, 9, 0] });
});
