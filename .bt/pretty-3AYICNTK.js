import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  colourFor,
  formatFindingGroups,
  formatPretty
} from "./chunk-KGPL3VXJ.js";
import "./chunk-FG2ZX6CO.js";
import "./chunk-QA6RBL5S.js";
export {
  colourFor,
  formatFindingGroups,
  formatPretty
};
