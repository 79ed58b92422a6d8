using System.Diagnostics.CodeAnalysis;

namespace Ploy.Core.Venues;

/// <summary>A value or a <see cref="VenueError"/>.</summary>
public readonly record struct VenueResult<T>
{
    private VenueResult(T? value, VenueError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public VenueError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static VenueResult<T> Ok(T value) => new(value, null);

    public static VenueResult<T> Fail(VenueError error) => new(default, error);

    public static implicit operator VenueResult<T>(VenueError error) => Fail(error);
}
