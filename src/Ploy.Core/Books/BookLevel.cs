using Ploy.Core.Primitives;

namespace Ploy.Core.Books;

/// <summary>One price level: the total size resting at a price.</summary>
public readonly record struct BookLevel(Price Price, Size Size);
