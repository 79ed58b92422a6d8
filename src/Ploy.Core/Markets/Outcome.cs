namespace Ploy.Core.Markets;

public enum Outcome
{
    Yes,
    No,
}
