namespace Ploy.Hosting.Control;

/// <summary>
/// The answer to a command. <paramref name="Accepted"/> false means the engine refused it in its current state
/// (e.g. resume while halted): the API answers 409 with <paramref name="Message"/>.
/// </summary>
public sealed record ControlResult(bool Accepted, string Message, int? OrdersCancelled = null)
{
    public static ControlResult Ok(string message, int? ordersCancelled = null) => new(true, message, ordersCancelled);

    public static ControlResult Refused(string message) => new(false, message);
}
