namespace Ploy.Cli.Tests.Service;

/// <summary>Polls a condition until it holds or a deadline passes (service tests wait on real time, never sleep blindly).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        Exception? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                last = ex;
            }

            await Task.Delay(100);
        }

        Assert.Fail(failure + (last is null ? string.Empty : $" (last error: {last.Message})"));
    }
}
