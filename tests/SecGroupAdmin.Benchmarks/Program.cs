Console.WriteLine("SecGroupAdmin benchmarks");
