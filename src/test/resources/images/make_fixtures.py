"""Writes the decoder fixtures that Java's ImageIO cannot produce itself: CMYK JPEGs (Adobe, inverted, as Photoshop
and PIL write them), a grayscale JPEG and an animated GIF. Run with Debian's python3-pil from this folder:
    /usr/bin/python3 make_fixtures.py
Every image is the same 48 x 32 pattern, so tests can compare the decoded pixels with pattern(x, y) below."""
from PIL import Image


def pattern(x, y):
    return (x * 5 % 256, y * 8 % 256, (x * y) % 256)


image = Image.new('RGB', (48, 32))
pixels = image.load()
for y in range(32):
    for x in range(48):
        pixels[x, y] = pattern(x, y)

image.convert('CMYK').save('cmyk.jpg', quality=95)
image.convert('CMYK').save('cmyk-progressive.jpg', quality=95, progressive=True)
image.convert('L').save('grayscale.jpg', quality=95)
image.save('animated.gif', save_all=True, append_images=[image.rotate(90), image.rotate(180)], duration=100, loop=0)
