"""ganpoet_torch: train a ganpoet spec's PyTorch twin (the module the annotation processor writes beside the DJL
classes) with torchrun, and exchange weights with ganpoet as safetensors state files.

Runs on Debian's python3-torch (1.13) and on current PyTorch; needs nothing but torch (safetensors is used when it
is installed, else a built-in reader and writer of the same format).
"""
