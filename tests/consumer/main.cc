#include <winnow/cleaner.h>

#include <iostream>

int main() {
  winnow::Cleaner cleaner;
  winnow::CleanResult r = cleaner.Clean("Bridge Opens Again\n\nBridge Opens Again\nBody of the story.");
  std::cout << r.text << "\n";
  return r.removed_lines == 1 && r.text == "Bridge Opens Again\n\nBody of the story." ? 0 : 1;
}
