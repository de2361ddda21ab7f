/**
 * A seeded generator of claims for the example rate card (and the claims benchmark): participants enrolled over
 * a year and a half, each claiming a handful of outcomes at random dates, so that every rule of the card is
 * exercised (prerequisites, windows, the NQF ladder, the cap per participant, repeats of one outcome).
 * Deterministic: the same seed gives the same claims.
 */
import type { Claim } from "../../src/index.js";
import { seededUniform } from "../comparison-group/generate-records.js";

export const OUTCOME_CODES = [
  "BEHAVIOUR",
  "ATTENDANCE",
  "ATTITUDE",
  "ENTRY-QUAL",
  "BASIC-SKILLS",
  "NQF1",
  "NQF2",
  "NQF3",
  "EMP-ENTRY",
  "EMP-SUSTAINED",
] as const;

const FIRST_DAY = Date.UTC(2012, 3, 1) / 86_400_000; // 2012-04-01

/** `YYYY-MM-DD` of the day `offset` days after 2012-04-01 (UTC arithmetic on a date, no time zone involved). */
function dateAt(offset: number): string {
  return new Date((FIRST_DAY + offset) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `participants × claimsPerParticipant` claims, `claimsPerParticipant` for each participant, in a shuffled
 * arrival order. The claim objects are created in arrival order, as a file reader would create them.
 */
export function generateClaims(seed: number, participants: number, claimsPerParticipant: number): Claim[] {
  const random = seededUniform(seed);
  const dates = Array.from({ length: 1400 }, (_, offset) => dateAt(offset));
  const total = participants * claimsPerParticipant;
  const outcomes = new Uint8Array(total);
  const achievedDays = new Int32Array(total);
  const claimedDays = new Int32Array(total);
  const enrolledDays = new Int32Array(total);
  for (let p = 0; p < participants; p += 1) {
    const enrolled = Math.floor(random() * 540);
    let entry = -1;
    for (let k = 0; k < claimsPerParticipant; k += 1) {
      // Employment outcomes are more frequent than the rest, and sustained employment mostly follows an entry.
      const pick = random();
      const outcome = pick < 0.18 ? 8 : pick < 0.3 ? 9 : Math.floor(random() * 8);
      let achieved = enrolled + Math.floor(random() * 700);
      if (outcome === 9 && entry >= 0 && random() < 0.8) achieved = entry + 90 + Math.floor(random() * 400);
      if (outcome === 8 && entry < 0) entry = achieved;
      const claimed = Math.min(achieved + Math.floor(random() * 60), dates.length - 1);
      const index = p * claimsPerParticipant + k;
      outcomes[index] = outcome;
      achievedDays[index] = Math.min(achieved, claimed);
      claimedDays[index] = claimed;
      enrolledDays[index] = enrolled;
    }
  }
  const order = Array.from({ length: total }, (_, index) => index);
  for (let i = total - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.map((index) => {
    const p = Math.floor(index / claimsPerParticipant);
    return {
      id: `C${String(index).padStart(8, "0")}`,
      participant: `P${String(p).padStart(6, "0")}`,
      outcome: OUTCOME_CODES[outcomes[index]!]!,
      achievedOn: dates[achievedDays[index]!]!,
      claimedOn: dates[claimedDays[index]!]!,
      evidence: `EV-${p}-${index % claimsPerParticipant}`,
      enrolledOn: dates[enrolledDays[index]!]!,
    };
  });
}

/** The claims as CSV text lines (header first), for writing a claims file. */
export function* claimsCsvLines(claims: readonly Claim[]): Generator<string> {
  yield "id,participant,outcome,achievedOn,claimedOn,evidence,enrolledOn\n";
  for (const claim of claims) {
    yield `${claim.id},${claim.participant},${claim.outcome},${claim.achievedOn},${claim.claimedOn},${claim.evidence},${claim.enrolledOn ?? ""}\n`;
  }
}
