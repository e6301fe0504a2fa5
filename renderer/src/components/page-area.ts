/** An area on a page as fractions (0–1) of the page, origin top left; pages count from 1. */
export interface PageArea {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}
