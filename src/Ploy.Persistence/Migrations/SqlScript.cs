using System.Text;

namespace Ploy.Persistence.Migrations;

/// <summary>
/// Splits a migration script into statements for static checks. Comments and string literals are masked so a
/// keyword inside them never counts; a <c>;</c> inside quotes or a dollar-quoted body (PostgreSQL functions,
/// DO blocks) does not end a statement. The body itself stays visible: a DO block's DROP runs too.
/// </summary>
internal static class SqlScript
{
    /// <summary>One statement: <paramref name="Code"/> with comments and literals blanked (for matching) and
    /// <paramref name="Text"/> with comments removed (for messages), both with whitespace collapsed.</summary>
    public readonly record struct Statement(string Code, string Text);

    public static IReadOnlyList<Statement> Split(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var code = new StringBuilder(sql.Length);
        var text = new StringBuilder(sql.Length);
        var statements = new List<Statement>();
        string? dollarTag = null;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c == '-' && next == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
                code.Append(' ');
                text.Append(' ');
                continue;
            }

            if (c == '/' && next == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                code.Append(' ');
                text.Append(' ');
                continue;
            }

            if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < sql.Length)
                {
                    if (sql[end] == c)
                    {
                        if (end + 1 < sql.Length && sql[end + 1] == c)
                        {
                            end += 2;
                            continue;
                        }

                        break;
                    }

                    end++;
                }

                end = Math.Min(end + 1, sql.Length);

                // Identifiers stay matchable (index names); string contents do not.
                code.Append(c == '"' ? sql.AsSpan(i, end - i) : "''");
                text.Append(sql.AsSpan(i, end - i));
                i = end;
                continue;
            }

            if (c == '$' && TryReadDollarTag(sql, i, out var tag))
            {
                dollarTag = dollarTag is null ? tag : dollarTag == tag ? null : dollarTag;
                code.Append(tag);
                text.Append(tag);
                i += tag.Length;
                continue;
            }

            if (c == ';' && dollarTag is null)
            {
                Add(statements, code, text);
                i++;
                continue;
            }

            code.Append(c);
            text.Append(c);
            i++;
        }

        Add(statements, code, text);
        return statements;
    }

    private static void Add(List<Statement> statements, StringBuilder code, StringBuilder text)
    {
        var statement = new Statement(Collapse(code.ToString()), Collapse(text.ToString()));
        code.Clear();
        text.Clear();
        if (statement.Code.Length > 0)
        {
            statements.Add(statement);
        }
    }

    private static bool TryReadDollarTag(string sql, int start, out string tag)
    {
        var end = start + 1;
        while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_'))
        {
            end++;
        }

        // $$ or $name$ (a tag cannot start with a digit: $1 is a parameter).
        if (end < sql.Length && sql[end] == '$' && (end == start + 1 || !char.IsAsciiDigit(sql[start + 1])))
        {
            tag = sql.Substring(start, end - start + 1);
            return true;
        }

        tag = string.Empty;
        return false;
    }

    private static string Collapse(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
