import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  DOCS_BASE,
  RULES,
  ruleMeta
} from "./chunk-5TWVIY3J.js";
import "./chunk-3DP6IDV7.js";
import "./chunk-AGQ7I7ID.js";
import "./chunk-OACWHI7E.js";
import "./chunk-KOIDW7GI.js";
import "./chunk-M6CLNAAX.js";
import "./chunk-FG2ZX6CO.js";
import "./chunk-QA6RBL5S.js";
export {
  DOCS_BASE,
  RULES,
  ruleMeta
};
