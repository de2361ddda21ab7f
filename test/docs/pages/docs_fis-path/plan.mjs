// The measurement plan of the page (plan.json, a fragment of a contract) in the design of the bundled example
// examples/fis-three-stages (1-design.json; the page links examples/ to the package's own): prints what
// assessPlan finds.
import { readFileSync } from "node:fs";
import { assessPlan } from "pay-by-results";

const design = JSON.parse(readFileSync("examples/fis-three-stages/1-design.json", "utf8"));
design.measurementPlan = JSON.parse(`{${readFileSync("plan.json", "utf8")}}`).measurementPlan;
const assessment = assessPlan(design);
const { minimumDetectableEffect: detectable, expected, sample } = assessment;
console.log(detectable.methodText);
console.log(`${sample.treatment} + ${sample.comparison} participants detect ${detectable.effect.toFixed(2)} points`);
console.log(
  `the expected ${expected.effect} points: power ${(expected.power * 100).toFixed(1)}%,` +
    ` needs ${expected.requiredSample.treatment} + ${expected.requiredSample.comparison}, sufficient: ${expected.sufficient}`,
);
