/** The cells of a markdown table, row by row, without the separator row. Prettier pads tables; this does not care. */
export function tableCells(markdownTable: string): string[][] {
  return markdownTable
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[\s:|-]+\|$/.test(line))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}
