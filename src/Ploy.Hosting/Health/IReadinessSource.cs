namespace Ploy.Hosting.Health;

/// <summary>The facts behind <c>/health/ready</c>, implemented by the composition root. Must be cheap and must not block.</summary>
public interface IReadinessSource
{
    ReadinessFacts GetReadiness();
}
