namespace Ploy.Strategies.Common;

/// <summary>Builds option-validation messages that name the full configuration key.</summary>
internal sealed class OptionChecks(string section)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Positive(string key, decimal value)
    {
        if (value <= 0m)
        {
            _problems.Add($"{section}:{key} must be > 0");
        }
    }

    public void NonNegative(string key, decimal value)
    {
        if (value < 0m)
        {
            _problems.Add($"{section}:{key} must be >= 0");
        }
    }

    public void Below(string key, decimal value, decimal limit)
    {
        if (value >= limit)
        {
            _problems.Add($"{section}:{key} must be < {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }

    public void AtLeast(string key, decimal value, decimal minimum)
    {
        if (value < minimum)
        {
            _problems.Add($"{section}:{key} must be >= {minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }

    public void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            _problems.Add($"{section}:{key} must be > 0");
        }
    }

    public void NonNegative(string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            _problems.Add($"{section}:{key} must be >= 0");
        }
    }

    public void Check(bool ok, string key, string requirement)
    {
        if (!ok)
        {
            _problems.Add($"{section}:{key} {requirement}");
        }
    }
}
