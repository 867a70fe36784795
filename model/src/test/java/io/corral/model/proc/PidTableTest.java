package io.corral.model.proc;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The unboxed pid map against a HashMap, through growth and backward-shift removal (one key or by predicate). */
class PidTableTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemovals() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            PidTable<String> t = new PidTable<>();
            Map<Integer, String> want = new HashMap<>();
            // Small key ranges make long probe chains and wrap-arounds; large ones make growth.
            int range = seed % 2 == 0 ? 300 : 4_194_304;
            for (int step = 0; step < 3000; step++) {
                int pid = 1 + r.nextInt(range);
                String v = "v" + step;
                t.put(pid, v);
                want.put(pid, v);
                if (step % 5 == 0) {
                    int gone = 1 + r.nextInt(range);
                    assertEquals(want.remove(gone), t.remove(gone), "seed " + seed + " remove " + gone);
                }
                if (step % 97 == 0) {
                    int mod = 2 + r.nextInt(5);
                    t.removeIf(x -> Integer.parseInt(x.substring(1)) % mod == 0);
                    want.values().removeIf(x -> Integer.parseInt(x.substring(1)) % mod == 0);
                }
            }
            assertEquals(want.size(), t.size(), "seed " + seed);
            for (int pid = 1; pid <= Math.min(range, 5000); pid++) {
                assertEquals(want.get(pid), t.get(pid), "seed " + seed + " pid " + pid);
            }
            for (Map.Entry<Integer, String> e : want.entrySet()) {
                assertEquals(e.getValue(), t.get(e.getKey()), "seed " + seed + " pid " + e.getKey());
            }
            Map<String, Integer> seen = new HashMap<>();
            t.forEach(v -> seen.merge(v, 1, Integer::sum));
            assertEquals(want.size(), seen.size());
        }
    }

    @Test
    void clearEmptiesAndPidsMustBePositive() {
        PidTable<String> t = new PidTable<>();
        t.put(7, "a");
        t.clear();
        assertNull(t.get(7));
        assertEquals(0, t.size());
        assertThrows(IllegalArgumentException.class, () -> t.put(0, "self"));
    }
}
